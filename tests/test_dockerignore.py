"""The `.dockerignore` matcher against the cases of Docker's documentation and moby's pattern matcher."""

from __future__ import annotations

import pytest

from flasklint.deployment.dockerignore import DockerIgnore, clean, ignore_file_for


def excludes(text: str, path: str) -> bool:
    return DockerIgnore.from_text(text).excludes(path)


DOCS_EXAMPLE = "# comment\n*/temp*\n*/*/temp*\ntemp?\n"


@pytest.mark.parametrize("path, excluded", [
    ("somedir/temporary.txt", True),     # */temp*: a name starting with temp in an immediate subfolder
    ("somedir/temp", True),
    ("somedir/subdir/temporary.txt", True),  # */*/temp*: two levels below the root
    ("tempa", True),                     # temp?: one more character, in the root
    ("tempb", True),
    ("temp", False),
    ("temporary.txt", False),            # */temp* needs a folder before it
    ("a/b/c/temp.txt", False),
    ("# comment", False),                # a comment is not a pattern
])
def test_the_documentation_example(path, excluded):
    assert excludes(DOCS_EXAMPLE, path) is excluded


def test_patterns_are_relative_to_the_context_root_with_or_without_a_leading_slash():
    for pattern in ("/foo/bar", "foo/bar", "./foo/bar", "foo/bar/", "foo//bar", "foo/baz/../bar"):
        assert excludes(pattern, "foo/bar"), pattern
        assert excludes(pattern, "foo/bar/inside.txt"), pattern  # a folder excludes what it holds
        assert not excludes(pattern, "x/foo/bar"), pattern       # nothing else
        assert not excludes(pattern, "foo/barn"), pattern


def test_double_star_matches_any_number_of_folders_including_none():
    assert excludes("**/*.go", "main.go")
    assert excludes("**/*.go", "cmd/tool/main.go")
    assert not excludes("**/*.go", "main.golang")
    assert excludes("**/.flaskenv", ".flaskenv") and excludes("**/.flaskenv", "app/.flaskenv")
    assert excludes("docs/**", "docs/a/b.md") and not excludes("docs/**", "docsx/a.md")
    assert excludes("a/**/b", "a/b") and excludes("a/**/b", "a/x/y/b")


def test_the_last_matching_line_decides():
    # Docker's docs: all markdown files but README.md are excluded
    assert excludes("*.md\n!README.md\n", "CHANGES.md")
    assert not excludes("*.md\n!README.md\n", "README.md")
    # README-secret.md stays out: the exclusion after the exception matches it last
    text = "*.md\n!README*.md\nREADME-secret.md\n"
    assert excludes(text, "README-secret.md") and not excludes(text, "README-public.md")
    # ...unless the exception comes last
    assert not excludes("*.md\nREADME-secret.md\n!README*.md\n", "README-secret.md")


def test_everything_out_then_exceptions_in():
    text = "*\n!app\n!requirements.txt\n"
    assert excludes(text, ".flaskenv")
    assert not excludes(text, "app/views.py") and not excludes(text, "requirements.txt")


def test_star_stays_within_one_folder_and_question_mark_is_one_character():
    assert excludes("*.env", "prod.env") and not excludes("*.env", "config/prod.env")
    assert excludes(".env*", ".env.local") and excludes(".env*", ".env")
    assert not excludes("?.txt", "ab.txt") and excludes("?.txt", "a.txt")


def test_character_classes_and_escapes():
    assert excludes("file[0-9].txt", "file7.txt") and not excludes("file[0-9].txt", "filex.txt")
    assert excludes("file[^0-9].txt", "filex.txt") and not excludes("file[^0-9].txt", "file7.txt")
    assert excludes("\\*.txt", "*.txt") and not excludes("\\*.txt", "a.txt")
    assert excludes("a+b(c).txt", "a+b(c).txt")  # regex characters are literal


def test_a_comment_only_in_the_first_column_and_blank_lines():
    assert not excludes("# .flaskenv\n\n   \n", ".flaskenv")
    assert excludes("  .flaskenv  \n", ".flaskenv")  # trimmed
    assert excludes(" # x\n", "# x")  # not in column 1: a pattern


def test_a_leading_double_star_with_plain_text_is_a_suffix_test_as_in_moby():
    assert excludes("**foo", "barfoo")
    assert excludes("**/foo", "foo") and excludes("**/foo", "a/foo")


def test_bad_lines_are_reported_and_skipped():
    ignore = DockerIgnore.from_text("!\nfile[0-9.txt\n.flaskenv\n")
    assert [line for line, _ in ignore.errors] == [1, 2]
    assert ignore.excludes(".flaskenv")


def test_the_context_root_itself_is_never_excluded():
    assert not excludes("*\n", ".")


def test_clean_is_go_filepath_clean():
    assert clean("./a/b/") == "a/b" and clean("a/../..") == ".." and clean("/../a") == "/a" and clean("") == "."


def test_a_dockerfile_specific_ignore_file_replaces_the_context_one():
    files = {".dockerignore", "docker/web.Dockerfile.dockerignore"}
    assert ignore_file_for("docker/web.Dockerfile", "", files) == "docker/web.Dockerfile.dockerignore"
    assert ignore_file_for("Dockerfile", "", files) == ".dockerignore"
    assert ignore_file_for("svc/Dockerfile", "svc", files) is None
