package io.changegate.pages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page shows: the viewer (id, groups, time zone — the browser tells its zone in the cookie
 * {@value #ZONE_COOKIE}, set by {@code /pages/changegate.js}; UTC without it), the time formatter and the path.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

  static final String ZONE_COOKIE = "changegate_tz";

  @ModelAttribute("viewer")
  Viewer viewer(Authentication user, @CookieValue(name = ZONE_COOKIE, required = false) String zone) {
    return Viewer.of(user, zone);
  }

  @ModelAttribute("t")
  Times times(@CookieValue(name = ZONE_COOKIE, required = false) String zone) {
    return new Times(Viewer.zone(zone));
  }

  @ModelAttribute("path")
  String path(HttpServletRequest request) {
    return request.getRequestURI();
  }

  @ModelAttribute("tasklistUrl")
  String tasklist() {
    return Links.tasklist();
  }
}
