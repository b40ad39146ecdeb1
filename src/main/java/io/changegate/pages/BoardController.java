package io.changegate.pages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /board}: for the CAB and operations — changes waiting per step and group, overdue approvals, changes in
 * flight per environment with its slots, failures and rollbacks of the week. Every logged-in user may read it.
 */
@Controller
class BoardController {

  private final Worklists worklists;

  BoardController(Worklists worklists) {
    this.worklists = worklists;
  }

  @GetMapping("/board")
  String board(Model model) {
    model.addAttribute("board", worklists.board());
    model.addAttribute("links", new ChangePagesController.LinkHelper());
    return "pages/board";
  }
}
