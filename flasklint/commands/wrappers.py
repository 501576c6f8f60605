"""Programs that run a command given as their arguments, beyond `nohup`/`setsid`/`env`/`sudo`/`timeout`.

- terminal multiplexers run it in a detached session, so an operator can attach later
  (`screen -dmS web python app.py`, `screen -S ail -X screen -t web bash -c "cd www; ./server.py"`,
  `tmux new-session -d -s web "flask run"`); tmux hands a single trailing word to the shell;
- user switchers and init shims of container entrypoints run it as another user or under a small
  init (`gosu app flask run`, `su-exec app:app ...`, `chpst -u app ...`, `tini -s -- ...`,
  `runuser -u app -- ...`), and `su app -c "..."` through the shell;
- I/O and display shims (`stdbuf -oL ...`, `unbuffer ...`, `xvfb-run -a ...`).

What each skips before the command (its options that take a value, the user it names) is data
below, from the programs' manual pages: screen(1), tmux(1), gosu and su-exec READMEs, chpst(8),
tini and dumb-init READMEs, runuser(1), su(1), s6-setuidgid, stdbuf(1), unbuffer(1), xvfb-run(1).
"""

from __future__ import annotations

from typing import Optional

from flasklint.commands.shellwords import Word

__all__ = ["PROGRAMS", "command_start"]


ARGUMENT_RUNNERS: dict[str, tuple[frozenset[str], int]] = {
    # program: (its options that take a value, the positional words before the command)
    "gosu": (frozenset(), 1),
    "su-exec": (frozenset(), 1),
    "s6-setuidgid": (frozenset(), 1),
    "chpst": (frozenset({"-u", "-U", "-b", "-e", "-/", "-n", "-l", "-L", "-m", "-d", "-o", "-p", "-f", "-c",
                         "-r", "-t"}), 0),
    "tini": (frozenset({"-p", "-e"}), 0),
    "dumb-init": (frozenset({"-r", "--rewrite"}), 0),
    "runuser": (frozenset({"-u", "-g", "-G", "--user", "--group", "--supp-group"}), 0),
    "stdbuf": (frozenset({"-i", "-o", "-e"}), 0),
    "unbuffer": (frozenset(), 0),
    "xvfb-run": (frozenset({"-n", "-s", "-f", "-e", "-p", "--server-num", "--server-args", "--auth-file",
                            "--error-file", "--xauth-protocol"}), 0),
}
SESSIONS = frozenset({"screen", "tmux"})
SHELL_USERS = frozenset({"su"})
"""`su [options] [user] -c "command"`: the command runs through the user's shell."""
SU_VALUE_OPTIONS = frozenset({"-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w", "--whitelist-environment"})
PROGRAMS = SESSIONS | SHELL_USERS | frozenset(ARGUMENT_RUNNERS)
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
    """For `words[i]` naming `program` (one of PROGRAMS): where the command it runs begins, with the word
    the shell runs when the command is one string (tmux's one-word form, `su -c`); None when the line
    runs nothing (`screen -r`, `tmux attach`, `screen -X quit`, `su` alone)."""
    if program in ARGUMENT_RUNNERS:
        return _after_options(words, i + 1, *ARGUMENT_RUNNERS[program])
    if program in SHELL_USERS:
        return _su(words, i + 1)
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


def _after_options(words: list[Word], i: int, value_options: frozenset[str],
                   positionals: int) -> Optional[tuple[int, Optional[Word]]]:
    """Past the program's options (and `--`) and the positional words it takes (`gosu USER`)."""
    while i < len(words) and words[i].text.startswith("-"):
        flag = words[i].text
        i += 1
        if flag == "--":
            break
        if flag in value_options:
            i += 1
    i += positionals
    return (i, None) if i < len(words) else None


def _su(words: list[Word], i: int) -> Optional[tuple[int, Optional[Word]]]:
    """`su [options] [user] -c COMMAND` (also `--command=COMMAND`): the command word, run by the shell."""
    while i < len(words):
        text = words[i].text
        if text in ("-c", "--command") and i + 1 < len(words):
            return i + 1, words[i + 1]
        if text.startswith("--command="):
            return None  # the command is inside this word after `=`: its positions are not the file's
        i += 2 if text in SU_VALUE_OPTIONS else 1
    return None
