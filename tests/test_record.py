"""The model's frozen records behave as @dataclass(frozen=True) did (issue 29 replaced it for speed)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from privacycheck.model.record import FrozenInstanceError, field, fields, record, replace


@record
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    extra: Mapping[str, int] = field(default_factory=dict)


@record
class Titled:
    question: str
    title: str = ""

    def __post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", self.question)


def test_a_record_is_built_by_position_or_keyword_with_its_defaults() -> None:
    assert Point(1) == Point(x=1, y=0, tags=(), extra={})
    assert (Point(1, 2).x, Point(1, 2).y) == (1, 2)
    assert fields(Point(1)) == ("x", "y", "tags", "extra")
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, z=3)  # type: ignore[call-arg]


def test_a_default_factory_gives_each_record_its_own_value() -> None:
    first, second = Point(1), Point(2)
    assert first.extra == {} and first.extra is not second.extra


def test_records_compare_and_hash_by_value_and_only_with_their_own_class() -> None:
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert len({Titled("q"), Titled("q", "q"), Titled("r")}) == 2
    with pytest.raises(TypeError):
        hash(Point(1))  # a dict inside: not hashable, as with a dataclass
    assert Titled("q") != ("q", "q")
    assert "Point(x=1, y=2" in repr(Point(1, 2))


def test_a_record_cannot_be_changed_only_copied() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.y  # type: ignore[misc]
    moved = replace(point, y=5)
    assert (moved.x, moved.y, point.y) == (1, 5, 0)
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(point, z=1)


def test_post_init_runs_on_creation_and_on_replace() -> None:
    assert Titled("Do you lock the cabinet?").title == "Do you lock the cabinet?"
    assert replace(Titled("a"), question="b", title="").title == "b"


def test_a_field_without_a_default_may_not_follow_one_with_a_default() -> None:
    with pytest.raises(TypeError, match="follows a default"):
        @record
        class Wrong:
            a: int = 0
            b: int
