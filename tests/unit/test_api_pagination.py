"""Cursors are opaque and checked; page windows are bounded by the settings."""

from __future__ import annotations

import dataclasses

import pytest

from vfgraph.api.pagination import decode_cursor, encode_cursor
from vfgraph.errors import InvalidCursor, InvalidInput
from vfgraph.settings import Settings
from vfgraph.store.reads import Slice, Window

IRI = "http://127.0.0.1:8000/id/economic-event/0193abc"


@pytest.fixture
def small_pages() -> Settings:
    return dataclasses.replace(Settings.from_env({}), max_page_size=10, default_page_size=3)


def test_a_cursor_decodes_to_the_record_id_it_was_made_from() -> None:
    cursor = encode_cursor(IRI)
    assert IRI not in cursor
    assert decode_cursor(cursor) == IRI


def test_no_cursor_means_no_bound() -> None:
    assert decode_cursor(None) is None


@pytest.mark.parametrize("cursor", ["not-a-cursor", "aGVsbG8=", "", "cursor:x", "☃"])
def test_a_cursor_this_server_did_not_issue_is_refused(cursor: str) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor)


def test_without_first_or_last_a_window_has_the_default_size(small_pages: Settings) -> None:
    assert Window.from_args(small_pages) == Window(limit=3)


def test_last_reads_backward_from_before(small_pages: Settings) -> None:
    window = Window.from_args(small_pages, last=2, before="b")
    assert window == Window(limit=2, before="b", backward=True)


def test_a_window_above_the_maximum_is_clamped_to_it(small_pages: Settings) -> None:
    # hREA clients ask last: 100000 to mean "all"; they get the largest page, and its page info.
    assert Window.from_args(small_pages, first=11) == Window(limit=10)
    assert Window.from_args(small_pages, last=100000, before="b") == Window(
        limit=10, before="b", backward=True
    )


@pytest.mark.parametrize(("first", "last"), [(-1, None), (None, -1), (2, 2)])
def test_negative_sizes_and_first_with_last_are_refused(
    small_pages: Settings, first: int | None, last: int | None
) -> None:
    with pytest.raises(InvalidInput):
        Window.from_args(small_pages, first=first, last=last)


def test_reading_one_more_than_the_limit_tells_there_is_a_next_page() -> None:
    window = Window(limit=2, after="a")
    page = Slice.cut(["b", "c", "d"], window)
    assert page == Slice(["b", "c"], has_previous=True, has_next=True)


def test_a_backward_window_is_returned_in_id_order() -> None:
    window = Window(limit=2, backward=True)
    page = Slice.cut(["d", "c", "b"], window)
    assert page == Slice(["c", "d"], has_previous=True, has_next=False)
