"""PDFs are laid out once for the same HTML (`core.pdf.render_pdf`, `core.pagecache.memoized_on_input`)."""

from inclusive_cities.core.pagecache import memoized_on_input


def test_a_result_is_kept_for_the_same_input_and_computed_again_for_any_other():
    calls = []

    def compute() -> bytes:
        calls.append(1)
        return b"result %d" % len(calls)

    assert memoized_on_input("test", b"<p>a</p>", compute) == b"result 1"
    assert memoized_on_input("test", b"<p>a</p>", compute) == b"result 1"
    assert memoized_on_input("test", b"<p>a</p> ", compute) == b"result 2"  # one byte more is another input
    assert memoized_on_input("another", b"<p>a</p>", compute) == b"result 3"  # and so is another name
    assert len(calls) == 3
