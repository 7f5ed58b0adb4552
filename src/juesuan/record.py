"""Records: the classes of the disclosure model and of the profiles, as plain dataclasses whose
validation and JSON are pydantic's, made on first use.

Reading a published document makes thousands of these and validates none of them: what it puts
in is what it parsed. Importing pydantic and building a class's validator cost ~0.15 s of a
~0.6 s cold ``juesuan audit`` when these were pydantic models, paid before the first page was
read. As dataclasses they cost nothing until something is validated (a preparer's model JSON, a
profile folder) or serialised (a report's model, the batch cache): then ``model_validate``,
``model_dump`` and friends build a pydantic ``TypeAdapter`` for the class, once per process, and
behave as a pydantic model's (same errors, same JSON; unknown keys refused).

A field's converters (:class:`Before`, as pydantic's ``BeforeValidator``) also run when a record
is made directly, as a pydantic model's constructor ran them: an amount given to ``Row`` is
rounded to the cent there too (``juesuan.money``).
"""
from __future__ import annotations

import copy
import dataclasses
import typing
from typing import Any, ClassVar


class _Validator:
    """``Annotated`` metadata that pydantic turns into one of its validator functions."""

    __slots__ = ("func",)
    _schema = ""  # the pydantic_core function that wraps ``func`` around the field's schema

    def __init__(self, func):
        self.func = func

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic_core import core_schema

        return getattr(core_schema, self._schema)(self.func, handler(source))


class Before(_Validator):
    """``func`` turns what is given into the field's value (validation and construction alike);
    it raises ValueError for what it refuses."""

    _schema = "no_info_before_validator_function"


class After(_Validator):
    """``func`` checks (and may return a changed) validated value."""

    _schema = "no_info_after_validator_function"


class Serialize:
    """``Annotated`` metadata: how the value is written, in Python and JSON dumps alike."""

    __slots__ = ("func",)

    def __init__(self, func):
        self.func = func

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic_core import core_schema

        schema = handler(source)
        schema["serialization"] = core_schema.plain_serializer_function_ser_schema(self.func, when_used="always")
        return schema


class Record:
    """Base of the model's and the profiles' classes: each subclass is a dataclass."""

    __pydantic_config__: ClassVar[dict] = {"extra": "forbid"}
    model_fields: ClassVar[dict[str, dataclasses.Field]]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # by keyword, in any order, as a pydantic model; __eq__ and __repr__ are Record's own, one
        # pair for every class (generating them per class is ~40% of making a dataclass)
        dataclasses.dataclass(cls, kw_only=True, eq=False, repr=False)
        cls.model_fields = {f.name: f for f in dataclasses.fields(cls)}

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.model_fields)

    __hash__ = None  # mutable, compared by value: unhashable, as a pydantic model or a dataclass

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.model_fields)
        return f"{type(self).__qualname__}({fields})"

    def __post_init__(self) -> None:
        for name, convert, default in _converters(type(self)):
            value = getattr(self, name)
            if value is not default:  # a default is kept as written, as pydantic keeps it
                setattr(self, name, convert(value))

    # ---- pydantic's model API, through a TypeAdapter made on first use ------------------------

    @classmethod
    def pydantic_adapter(cls):
        adapter = cls.__dict__.get("_pydantic_adapter")
        if adapter is None:
            from pydantic import TypeAdapter

            adapter = TypeAdapter(cls)
            cls._pydantic_adapter = adapter
        return adapter

    @classmethod
    def model_validate(cls, obj: Any):
        return cls.pydantic_adapter().validate_python(obj)

    @classmethod
    def model_validate_json(cls, data: str | bytes):
        return cls.pydantic_adapter().validate_json(data)

    @classmethod
    def model_construct(cls, **values: Any):
        """A record from values already of the right kind (as pydantic's: nothing is checked)."""
        obj = cls.__new__(cls)
        for f in dataclasses.fields(cls):
            if f.name in values:
                value = values[f.name]
            elif f.default is not dataclasses.MISSING:
                value = f.default
            elif f.default_factory is not dataclasses.MISSING:
                value = f.default_factory()
            else:
                continue
            object.__setattr__(obj, f.name, value)
        return obj

    def model_dump(self, **kwargs: Any) -> Any:
        return type(self).pydantic_adapter().dump_python(self, **kwargs)

    def model_dump_json(self, *, indent: int | None = None, **kwargs: Any) -> str:
        return type(self).pydantic_adapter().dump_json(self, indent=indent, **kwargs).decode()

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False):
        """A copy, fields in ``update`` replaced as given (not converted, as pydantic's)."""
        new = copy.deepcopy(self) if deep else copy.copy(self)
        for name, value in (update or {}).items():
            object.__setattr__(new, name, value)
        return new


def _converters(cls: type) -> list[tuple[str, Any, Any]]:
    """(field, converter, default) for each field whose type carries :class:`Before` metadata, directly or
    as the values of a dict or the items of a list; worked out once per class."""
    found = cls.__dict__.get("_field_converters")
    if found is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        found = []
        for f in dataclasses.fields(cls):
            convert = _converter(hints.get(f.name))
            if convert is not None:
                found.append((f.name, convert, f.default))
        cls._field_converters = found
    return found


def _converter(hint: Any):
    before = _before(hint)
    if before is not None:
        return before
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is dict and len(args) == 2:
        inner = _before(args[1])
        if inner is not None:
            return lambda value: {k: inner(v) for k, v in value.items()} if isinstance(value, dict) else value
    if origin is list and len(args) == 1:
        inner = _before(args[0])
        if inner is not None:
            return lambda value: [inner(v) for v in value] if isinstance(value, list) else value
    return None


def _before(hint: Any):
    if typing.get_origin(hint) is typing.Annotated:
        for meta in hint.__metadata__:
            if isinstance(meta, Before):
                return meta.func
    return None
