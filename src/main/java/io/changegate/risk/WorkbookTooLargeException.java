package io.changegate.risk;

/** An upload bigger than {@link FmeaWorkbook#MAX_BYTES}: refused without reading it (413). */
public class WorkbookTooLargeException extends RuntimeException {

  public WorkbookTooLargeException(String message) {
    super(message);
  }
}
