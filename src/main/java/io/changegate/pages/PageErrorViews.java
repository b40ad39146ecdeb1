package io.changegate.pages;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.WebUtils;

/**
 * A browser's error page outside the API: a path that is no page (a mistyped address, an old bookmark) or a page that
 * failed is Changegate's error page, with the navigation, instead of Spring Boot's "Whitelabel Error Page". What a
 * page refuses itself (an unknown change, an action not allowed) is {@link PageErrors}'.
 */
@Component
class PageErrorViews implements ErrorViewResolver {

  @Override
  public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? request.getRequestURI() : uri.toString();
    Cookie zoneCookie = WebUtils.getCookie(request, PageModel.ZONE_COOKIE);
    String zone = zoneCookie == null ? null : zoneCookie.getValue();
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    Map<String, Object> page = new HashMap<>();
    page.put("viewer", Viewer.of(user == null || user instanceof AnonymousAuthenticationToken ? null : user, zone));
    page.put("t", new Times(Viewer.zone(zone)));
    page.put("path", path);
    page.put("tasklistUrl", Links.tasklist());
    page.put("status", status.value());
    switch (status) {
      case NOT_FOUND -> {
        page.put("title", "Not found");
        page.put("message", "No page is at " + path + ".");
      }
      case FORBIDDEN -> {
        page.put("title", "Not allowed");
        page.put("message", "Your groups do not allow this page.");
      }
      case BAD_REQUEST -> {
        Object message = model.get("message");
        page.put("title", "Not accepted");
        page.put("message", message == null || message.toString().isBlank()
            ? "The request could not be read." : message.toString());
      }
      default -> {
        page.put("title", status.is5xxServerError() ? "Something went wrong" : status.getReasonPhrase());
        page.put("message", status.is5xxServerError()
            ? "The page could not be shown. The server log has the details."
            : "The request could not be served (" + status.value() + " " + status.getReasonPhrase() + ").");
      }
    }
    return new ModelAndView("pages/error", page, status);
  }
}
