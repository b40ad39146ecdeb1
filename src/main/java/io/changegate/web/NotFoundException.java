package io.changegate.web;

/** What the request names does not exist: 404 problem+json with this title and message. */
public class NotFoundException extends RuntimeException {

  private final String title;

  public NotFoundException(String title, String message) {
    super(message);
    this.title = title;
  }

  public String title() {
    return title;
  }
}
