package io.changegate.change;

import io.changegate.web.NotFoundException;

/** No change with that id (404). */
public class ChangeNotFoundException extends NotFoundException {

  public ChangeNotFoundException(String id) {
    super("Change not found", "No change with id '" + id + "'");
  }
}
