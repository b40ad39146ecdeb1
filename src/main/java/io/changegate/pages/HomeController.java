package io.changegate.pages;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form and the home page: my changes, my tasks, my groups' work. */
@Controller
class HomeController {

  private final Worklists worklists;

  HomeController(Worklists worklists) {
    this.worklists = worklists;
  }

  @GetMapping("/login")
  String login() {
    return "pages/login";
  }

  @GetMapping("/")
  String home(Authentication user, @org.springframework.web.bind.annotation.ModelAttribute("viewer") Viewer viewer,
      Model model) {
    model.addAttribute("mine", worklists.requestedBy(user.getName()));
    model.addAttribute("askedOfMe", worklists.askedOf(user.getName()));
    model.addAttribute("groupWork", worklists.ofGroups(user.getName(), viewer.groups()));
    return "pages/home";
  }
}
