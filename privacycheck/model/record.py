"""Frozen records: what `@dataclass(frozen=True)` gives the model, at a fraction of its start-up cost.

The standard decorator compiles six methods for every class when its module is imported
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`) and asks
`inspect` for a signature; privacycheck defines some sixty such classes, and a one-page
report paid about a fifth of its time for them (issue 29, measured with cProfile). Here
`__init__` is compiled the first time a class is instantiated, and the other methods are
shared by every record. The behaviour a caller sees is the standard one: keyword or
positional arguments, defaults, `field(default_factory=...)`, `__post_init__`, equality and
hashing by value, `replace()`, and an error on any assignment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

__all__ = ["FrozenInstanceError", "field", "fields", "record", "replace"]


class FrozenInstanceError(AttributeError):
    """Raised on assignment to a record's attribute, as dataclasses.FrozenInstanceError is."""


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], object]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], T]) -> T:
    """A field whose default is made afresh for each record (a dict, say)."""
    return _Factory(default_factory)  # type: ignore[return-value]  # replaced by the decorator


def fields(obj: object) -> tuple[str, ...]:
    """The names of a record's fields, in order."""
    names: tuple[str, ...] = type(obj).__record_fields__  # type: ignore[attr-defined]
    return names


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _values(self: object) -> tuple[object, ...]:
    return tuple(getattr(self, name) for name in type(self).__record_fields__)  # type: ignore[attr-defined]


def _eq(self: object, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    return _values(self) == _values(other)


def _hash(self: object) -> int:
    return hash(_values(self))


def _repr(self: object) -> str:
    cls = type(self)
    inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in cls.__record_fields__)  # type: ignore[attr-defined]
    return f"{cls.__qualname__}({inner})"


def _first_init(self: object, *args: object, **kwargs: object) -> None:
    """Compile the class's own `__init__`, put it in place, and run it."""
    cls = type(self)
    init = _compile_init(cls)
    _install(cls, {"__init__": init})
    init(self, *args, **kwargs)


def _compile_init(cls: type) -> Callable[..., None]:
    names: tuple[str, ...] = cls.__record_fields__  # type: ignore[attr-defined]
    defaults: dict[str, object] = cls.__record_defaults__  # type: ignore[attr-defined]
    factories: dict[str, Callable[[], object]] = cls.__record_factories__  # type: ignore[attr-defined]
    scope: dict[str, object] = {"_set": object.__setattr__, "_absent": _ABSENT}
    params: list[str] = []
    body: list[str] = []
    for index, name in enumerate(names):
        if name in factories:
            scope[f"_make{index}"] = factories[name]
            params.append(f"{name}=_absent")
            body.append(f" _set(self, {name!r}, _make{index}() if {name} is _absent else {name})")
        else:
            if name in defaults:
                scope[f"_default{index}"] = defaults[name]
                params.append(f"{name}=_default{index}")
            else:
                params.append(name)
            body.append(f" _set(self, {name!r}, {name})")
    if hasattr(cls, "__post_init__"):
        body.append(" self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or " pass") + "\n"
    exec(source, scope)  # noqa: S102 - the source is built above from the class's own field names
    init: Callable[..., None] = scope["__init__"]  # type: ignore[assignment]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


_ABSENT = object()


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen record of the fields its annotations name (ClassVar ones excepted)."""
    names: list[str] = []
    defaults: dict[str, object] = {}
    factories: dict[str, Callable[[], object]] = {}
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063 - inspect costs start-up
        if "ClassVar" in str(annotation):
            continue
        names.append(name)
        if name in cls.__dict__:
            value = cls.__dict__[name]
            if isinstance(value, _Factory):
                factories[name] = value.make
                delattr(cls, name)
            else:
                defaults[name] = value
        elif defaults or factories:
            raise TypeError(f"non-default field {name!r} follows a default one in {cls.__qualname__}")
    _install(cls, {
        "__record_fields__": tuple(names), "__record_defaults__": defaults, "__record_factories__": factories,
        "__match_args__": tuple(names), "__init__": _first_init, "__setattr__": _frozen_setattr,
        "__delattr__": _frozen_delattr, "__eq__": _eq, "__hash__": _hash,
    })
    if "__repr__" not in cls.__dict__:
        _install(cls, {"__repr__": _repr})
    return cls


def _install(cls: type, attributes: dict[str, object]) -> None:
    for name, value in attributes.items():
        setattr(cls, name, value)


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record `obj` with `changes` made (its `__post_init__` runs again)."""
    cls = type(obj)
    names: tuple[str, ...] = cls.__record_fields__  # type: ignore[attr-defined]
    unknown = set(changes).difference(names)
    if unknown:
        raise TypeError(f"{cls.__qualname__} has no field {min(unknown)!r}")
    values = {name: changes[name] if name in changes else getattr(obj, name) for name in names}
    return cls(**values)
