package io.changegate.change;

/** No change with that id (404). */
public class ChangeNotFoundException extends RuntimeException {

  public ChangeNotFoundException(String id) {
    super("No change with id '" + id + "'");
  }
}
