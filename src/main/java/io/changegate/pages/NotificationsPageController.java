package io.changegate.pages;

import io.changegate.notification.Channel;
import io.changegate.notification.Recipients;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /me/notifications}: whether the viewer gets e-mail from Changegate (their own choice). */
@Controller
class NotificationsPageController {

  private final Recipients recipients;

  NotificationsPageController(Recipients recipients) {
    this.recipients = recipients;
  }

  @GetMapping("/me/notifications")
  String settings(Authentication user, Model model) {
    model.addAttribute("email", !recipients.optedOut(user.getName(), Channel.EMAIL));
    return "pages/notifications";
  }

  @PostMapping("/me/notifications")
  String choose(Authentication user, @RequestParam(defaultValue = "false") boolean email, RedirectAttributes flash) {
    recipients.choose(user.getName(), Channel.EMAIL, email);
    flash.addFlashAttribute("message", email ? "You get e-mail from Changegate." : "You get no e-mail from Changegate.");
    return "redirect:/me/notifications";
  }
}
