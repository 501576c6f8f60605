"""Terminal multiplexers as launchers: `screen` and `tmux` run a command in a detached session.

Deploy scripts start servers this way so that an operator can attach to them later
(`screen -dmS web python app.py`, `screen -S ail -X screen -t web bash -c "cd www; ./server.py"`,
`tmux new-session -d -s web "flask run"`). The command is whatever follows the multiplexer's own
options; tmux hands a single trailing word to the shell, as `sh -c` would. The option tables come
from the manual pages, screen(1) and tmux(1).
"""

from __future__ import annotations

from typing import Optional

from flasklint.commands.shellwords import Word

__all__ = ["PROGRAMS", "command_start"]

PROGRAMS = frozenset({"screen", "tmux"})
SCREEN_VALUE_OPTIONS = frozenset({"-S", "-t", "-c", "-e", "-h", "-p", "-T", "-Logfile"})
"""screen(1) options that take a value; combined flags such as `-dmS name` end in one too."""
SCREEN_VALUE_LETTERS = "Stcehp"
SCREEN_NOT_RUNNING = frozenset({"-r", "-R", "-x", "-ls", "-list", "-wipe", "-D"})
"""screen(1) options that attach to, list or clean up sessions: no command runs."""
TMUX_GLOBAL_VALUE_OPTIONS = frozenset({"-L", "-S", "-f", "-T"})
TMUX_RUNNING_COMMANDS = frozenset({"new-session", "new", "new-window", "neww", "split-window", "splitw",
                                   "respawn-pane", "respawnp", "respawn-window", "respawnw"})
"""tmux(1) commands whose trailing `shell-command` runs (one word: through the shell, several: as argv)."""
TMUX_VALUE_OPTIONS = frozenset({"-s", "-n", "-c", "-t", "-x", "-y", "-e", "-F", "-l", "-p", "-f"})


def command_start(words: list[Word], i: int, program: str) -> Optional[tuple[int, Optional[Word]]]:
    """For `words[i]` naming `program` (screen or tmux): where the command it runs begins, with tmux's
    one-word form (run by the shell) as the word; None when the line runs nothing (`screen -r`,
    `tmux attach`, `screen -X quit`)."""
    i += 1
    if program == "screen":
        while i < len(words) and words[i].text.startswith("-"):
            flag = words[i].text
            if flag == "-X":  # a command for a running session: `-X screen ...` opens a window that runs one
                if i + 1 < len(words) and words[i + 1].text == "screen":
                    return command_start(words, i + 1, program)
                return None
            if flag in SCREEN_NOT_RUNNING:
                return None
            takes_value = flag in SCREEN_VALUE_OPTIONS or (
                not flag.startswith("--") and len(flag) > 2 and flag[-1] in SCREEN_VALUE_LETTERS)
            i += 2 if takes_value else 1
        return (i, None) if i < len(words) else None
    while i < len(words) and words[i].text.startswith("-"):
        i += 2 if words[i].text in TMUX_GLOBAL_VALUE_OPTIONS else 1
    if i >= len(words) or words[i].text not in TMUX_RUNNING_COMMANDS:
        return None
    i += 1
    while i < len(words) and words[i].text.startswith("-"):
        if words[i].text == "--":
            i += 1
            break
        i += 2 if words[i].text in TMUX_VALUE_OPTIONS else 1
    if i >= len(words):
        return None
    return (i, words[i]) if i == len(words) - 1 else (i, None)
