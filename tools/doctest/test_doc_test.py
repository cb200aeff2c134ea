"""Tests of the doc-test harness's parsing and output matching (python3 -m unittest discover tools/doctest)."""
import pathlib
import sys
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import doc_test  # noqa: E402

P = pathlib.Path("page.md")


def blocks(text):
    return doc_test.parse(P, text)


class ParseTest(unittest.TestCase):
    def test_bash_block_runs_and_keeps_its_line(self):
        b = blocks("intro\n\n```bash\necho hi\n```\n")
        self.assertEqual(1, len(b))
        self.assertEqual(("bash", 3, "echo hi", None, []), (b[0].lang, b[0].line, b[0].text, b[0].skip_reason, b[0].problems))

    def test_skip_marker_with_reason_attaches_across_blank_lines(self):
        b = blocks("<!-- doc-test: skip: needs a two-socket server -->\n\n```bash\nrun\n```\n")
        self.assertEqual("needs a two-socket server", b[0].skip_reason)
        self.assertEqual([], b[0].problems)

    def test_skip_marker_without_reason_is_invalid(self):
        b = blocks("<!-- doc-test: skip: -->\n```bash\nrun\n```\n")
        self.assertEqual(["skip marker (line 1) without a reason"], b[0].problems)

    def test_marker_separated_by_prose_attaches_to_nothing(self):
        b = blocks("<!-- doc-test: skip: why -->\nsome prose\n```bash\nrun\n```\n")
        self.assertEqual(["doc-test marker not followed by a block"], b[0].problems)
        self.assertIsNone(b[1].skip_reason)

    def test_unlabelled_and_sh_fences_are_refused(self):
        b = blocks("```\nx\n```\n\n```sh\ny\n```\n")
        self.assertIn("fence without a language", b[0].problems[0])
        self.assertIn("'sh' block", b[1].problems[0])

    def test_indented_block_in_a_list_loses_its_indent(self):
        b = blocks("1. step\n   <!-- doc-test: skip: cluster -->\n   ```bash\n   a \\\n     b\n   ```\n")
        self.assertEqual(("cluster", "a \\\n  b"), (b[0].skip_reason, b[0].text))

    def test_output_marker_needs_a_text_block(self):
        self.assertTrue(blocks("<!-- doc-test: output -->\n```text\nx\n```\n")[0].check_output)
        self.assertIn("use text", blocks("<!-- doc-test: output -->\n```bash\nx\n```\n")[0].problems[0])

    def test_unclosed_fence_is_invalid(self):
        self.assertIn("unclosed fence", blocks("```bash\necho\n")[0].problems)


class OutputTest(unittest.TestCase):
    def test_exact_lines_ignoring_trailing_blanks_and_edge_blank_lines(self):
        self.assertEqual((True, ""), doc_test.output_matches("a\nb", "\na  \nb\n\n"))

    def test_a_changed_digit_fails_and_names_the_line(self):
        ok, why = doc_test.output_matches("x 0.2500\ny", "x 0.2501\ny\n")
        self.assertFalse(ok)
        self.assertIn("'x 0.2500'", why)

    def test_any_matches_within_one_line_only(self):
        self.assertTrue(doc_test.output_matches("took {{ANY}} s", "took 25.7 s")[0])
        self.assertFalse(doc_test.output_matches("took {{ANY}} s", "took 25.7 ms")[0])
        self.assertFalse(doc_test.output_matches("a{{ANY}}", "ab\nc")[0])

    def test_ellipsis_matches_zero_or_more_lines(self):
        self.assertTrue(doc_test.output_matches("head\n…\ntail", "head\n1\n2\ntail")[0])
        self.assertTrue(doc_test.output_matches("head\n…\ntail", "head\ntail")[0])
        self.assertTrue(doc_test.output_matches("head\n…", "head\nmore\nlines")[0])

    def test_lines_beyond_the_shown_ones_fail_without_ellipsis(self):
        ok, why = doc_test.output_matches("head", "head\nextra")
        self.assertFalse(ok)
        self.assertIn("extra or missing lines", why)

    def test_regex_characters_in_expected_text_are_literal(self):
        self.assertFalse(doc_test.output_matches("a.b (c)", "axb (c)")[0])
        self.assertTrue(doc_test.output_matches("a.b (c)*", "a.b (c)*")[0])


if __name__ == "__main__":
    unittest.main()
