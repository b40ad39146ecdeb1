package io.changegate.pages;

import io.changegate.web.ConflictException;
import io.changegate.web.InvalidRequestException;
import io.changegate.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** On the pages, a refusal is a page that says why (the API answers problem+json instead). */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

  @ExceptionHandler(NotFoundException.class)
  String notFound(NotFoundException e, HttpServletResponse response, Model model) {
    return page(response, model, HttpServletResponse.SC_NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  String conflict(ConflictException e, HttpServletResponse response, Model model) {
    return page(response, model, HttpServletResponse.SC_CONFLICT, "Not possible now", e.getMessage());
  }

  @ExceptionHandler(InvalidRequestException.class)
  String invalid(InvalidRequestException e, HttpServletResponse response, Model model) {
    return page(response, model, HttpServletResponse.SC_BAD_REQUEST, "Not accepted", e.getMessage() + ": "
        + e.errors().stream().map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; "))
        + ".");
  }

  @ExceptionHandler(OptimisticLockingException.class)
  String movedOn(OptimisticLockingException e, HttpServletResponse response, Model model) {
    return page(response, model, HttpServletResponse.SC_CONFLICT, "Not possible now",
        "The change was updated by another step at the same moment; open it again and retry.");
  }

  @ExceptionHandler(AccessDeniedException.class)
  String forbidden(AccessDeniedException e, HttpServletResponse response, Model model) {
    return page(response, model, HttpServletResponse.SC_FORBIDDEN, "Not allowed", e.getMessage());
  }

  private static String page(HttpServletResponse response, Model model, int status, String title, String message) {
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("title", title);
    model.addAttribute("message", message);
    return "pages/error";
  }
}
