package io.changegate.web;

/** The request does not fit the current state of what it names: 409 problem+json with this title and message. */
public class ConflictException extends RuntimeException {

  private final String title;

  public ConflictException(String title, String message) {
    super(message);
    this.title = title;
  }

  public String title() {
    return title;
  }
}
