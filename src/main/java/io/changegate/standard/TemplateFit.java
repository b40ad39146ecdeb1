package io.changegate.standard;

/** Whether a change fits its template; when it does not, {@code mismatch} says why. */
public record TemplateFit(boolean fits, String mismatch) {

  static TemplateFit fitting() {
    return new TemplateFit(true, "");
  }

  static TemplateFit notFitting(String why) {
    return new TemplateFit(false, why);
  }
}
