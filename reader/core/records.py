"""Value classes as ``dataclasses`` makes them, at a fraction of the cost of making them.

The core's values (paragraphs, articles, ops, groups, facts, ...) were dataclasses.
Importing ``dataclasses`` (which imports ``inspect`` and ``ast``) and building two
dozen classes with it took some 15 ms of every command's start, as long as the rest
of comparing two short articles. :func:`record` builds the same classes: fields
from the class's annotations in order, defaults and :func:`field` options
(``default_factory``, ``init=False``, ``compare=False``), ``__post_init__``,
``frozen``, ``slots`` and ``order``; ``__eq__``, ``__hash__`` (frozen only, as
dataclasses do), ``__repr__`` and pickling as theirs. ``__init__`` is written as
source, compiled once per Python and kept (``patterns.python``); the other methods
are closures. Base classes with fields, ``InitVar``
and keyword-only fields are not supported (none is used).
"""

from __future__ import annotations

from operator import attrgetter

from . import patterns

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """A field of a frozen record was assigned or deleted."""


class Field:
    __slots__ = ("compare", "default", "factory", "init")

    def __init__(self, default: Any, factory: Any, init: bool, compare: bool) -> None:
        self.default, self.factory, self.init, self.compare = default, factory, init, compare


def field(
    *, default: Any = _MISSING, default_factory: Any = _MISSING, init: bool = True, compare: bool = True
) -> Any:
    """A field's options, as ``dataclasses.field`` takes them."""
    return Field(default, default_factory, init, compare)


def record(
    cls: type[T] | None = None, /, *, frozen: bool = False, slots: bool = False, order: bool = False
) -> Any:
    """``@dataclass(frozen=..., slots=..., order=...)``."""

    def build(cls: type[T]) -> type[T]:
        return _build(cls, frozen, slots, order)

    return build if cls is None else build(cls)


def fields_of(cls_or_record: Any) -> tuple[str, ...]:
    """The names of a record class's (or record's) fields, in order."""
    return (cls_or_record if isinstance(cls_or_record, type) else type(cls_or_record)).__record_fields__


def replace(obj: T, /, **changes: Any) -> T:
    """``dataclasses.replace``: a copy of ``obj`` with ``changes``; the fields it does
    not take in ``__init__`` are made again by it."""
    cls = type(obj)
    values = {name: getattr(obj, name) for name in cls.__record_init__}  # type: ignore[attr-defined]
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{cls.__name__} has no field to set named {sorted(unknown)[0]!r}")
    values.update(changes)
    return cls(**values)


def _build(cls: type, frozen: bool, slots: bool, order: bool) -> type:
    options: dict[str, Field] = {}
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063 - its own only
        if "ClassVar" in str(annotation):
            continue
        if name.startswith("_rec_"):
            raise TypeError(f"{cls.__name__}.{name}: a record's field cannot start with _rec_")
        value = cls.__dict__.get(name, _MISSING)
        options[name] = value if isinstance(value, Field) else Field(value, _MISSING, True, True)
    names = tuple(options)
    scope: dict[str, Any] = {
        "__name__": cls.__module__,  # the methods' module, as for methods written in the class
        "_rec_MISSING": _MISSING,
        "_rec_set": object.__setattr__,
    }
    params, body = [], []
    for name, option in options.items():
        if option.factory is not _MISSING:
            # The scope's names start "_rec_": no field's name is one (a field "default_x"
            # would otherwise hide the default of a field "x").
            scope[f"_rec_factory_{name}"] = option.factory
            made = f"_rec_factory_{name}()"
            value = f"{made} if {name} is _rec_MISSING else {name}" if option.init else made
            default = "_rec_MISSING"
        else:
            scope[f"_rec_default_{name}"] = option.default
            value = name if option.init else f"_rec_default_{name}"
            default = f"_rec_default_{name}" if option.default is not _MISSING else None
        if option.init:
            params.append(name if default is None else f"{name}={default}")
        body.append(f"    _rec_set(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or ["    pass"])
    # Our own source, built from the class's annotations; compiled once per Python.
    exec(patterns.python(source, f"<record {cls.__module__}.{cls.__qualname__}>"), scope)
    # The other methods are closures: compiling them too cost as much as dataclasses.
    compared = [n for n in names if options[n].compare]
    methods = {"__init__": scope["__init__"], **_methods(names, compared, order)}
    if slots:
        space = {
            k: v for k, v in cls.__dict__.items() if k not in names and k not in ("__dict__", "__weakref__")
        }
        space["__slots__"] = names
        made = type(cls)(cls.__name__, cls.__bases__, space)
        made.__qualname__ = cls.__qualname__
        cls = made
    else:
        for name in names:
            if isinstance(cls.__dict__.get(name), Field):
                default = options[name].default
                if default is _MISSING:
                    delattr(cls, name)
                else:
                    setattr(cls, name, default)
    if frozen:
        methods.update(_frozen(cls, names))
    for name, method in methods.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        method.__module__ = cls.__module__
        setattr(cls, name, method)
    if not frozen:
        cls.__hash__ = None  # type: ignore[assignment]  # equal by value, so not hashable, as dataclasses
    cls.__record_fields__ = names  # type: ignore[attr-defined]
    cls.__record_init__ = tuple(n for n in names if options[n].init)  # type: ignore[attr-defined]
    cls.__match_args__ = cls.__record_init__  # type: ignore[attr-defined]
    return cls


def _methods(names: tuple[str, ...], compared: list[str], order: bool) -> dict[str, Any]:
    """__repr__, __eq__, __hash__ (used when frozen), pickling and, with ``order``, the
    comparisons: the fields read at once, in C, by attrgetter."""
    every = _values(names)
    key = _values(tuple(compared))

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(names, every(self), strict=True))
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self: Any, other: Any) -> Any:
        return key(self) == key(other) if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self: Any) -> int:
        return hash(key(self))

    def __getstate__(self: Any) -> tuple:
        return every(self)

    def __setstate__(self: Any, state: tuple) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    methods = {
        "__repr__": __repr__,
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__getstate__": __getstate__,
        "__setstate__": __setstate__,
    }
    if order:

        def __lt__(self: Any, other: Any) -> Any:
            return key(self) < key(other) if other.__class__ is self.__class__ else NotImplemented

        def __le__(self: Any, other: Any) -> Any:
            return key(self) <= key(other) if other.__class__ is self.__class__ else NotImplemented

        def __gt__(self: Any, other: Any) -> Any:
            return key(self) > key(other) if other.__class__ is self.__class__ else NotImplemented

        def __ge__(self: Any, other: Any) -> Any:
            return key(self) >= key(other) if other.__class__ is self.__class__ else NotImplemented

        methods.update(__lt__=__lt__, __le__=__le__, __gt__=__gt__, __ge__=__ge__)
    return methods


def _values(names: tuple[str, ...]) -> Any:
    """A function giving the tuple of these attributes of an object."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _frozen(cls: type, names: tuple[str, ...]) -> dict[str, Any]:
    """__setattr__ and __delattr__ refusing the fields (the class's own instances: any name)."""
    fields = frozenset(names)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in fields:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in fields:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return {"__setattr__": __setattr__, "__delattr__": __delattr__}
