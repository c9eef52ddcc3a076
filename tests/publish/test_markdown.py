"""Text from the articles reaches the data card as text, never as HTML or Markdown."""

from assets.publish.markdown import cell


def test_html_and_markdown_in_a_source_name_are_escaped():
    shown = cell("</td></tr></table><h1>Owned</h1>")
    assert "<" not in shown and ">" not in shown
    assert (
        cell('<a href="https://evil.example">click</a>')
        == "&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;"
    )
    assert cell("[click](https://evil.example) *bold* `code` a|b") == (
        "\\[click\\](https://evil.example) \\*bold\\* \\`code\\` a\\|b"
    )


def test_the_projects_own_descriptions_keep_their_code_marks():
    assert cell("the `claims` table | x", markdown=True) == "the `claims` table \\| x"
