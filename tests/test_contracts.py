"""Contract tests: documented settings exist, error codes are unique and have one JSON shape,
the registered component list is what DESIGN.md promises."""

from __future__ import annotations

import inspect

from brinkwatch import config, errors
from brinkwatch.extract.pipeline import COMPONENTS


def test_every_setting_is_documented_in_config_docstring():
    doc = config.__doc__ or ""
    for name in config.SETTINGS:
        assert name in doc, name


def test_error_codes_unique_and_shaped():
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.BrinkwatchError)]
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), codes
    exc = errors.EmptyInput("notes.txt has no text.", hint="Check the file.")
    assert str(exc) == "[BW-I003] notes.txt has no text. Check the file."
    assert set(exc.to_dict()) == {"error", "code", "message", "hint"}


def test_missing_extra_names_the_extra():
    try:
        errors.require_extra("surely_not_installed_pkg", "spark")
    except errors.MissingExtra as exc:
        assert "brinkwatch[spark]" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected MissingExtra")


def test_component_names_snapshot():
    assert [name for name, _ in COMPONENTS] == ["bw_actors", "bw_time", "bw_places", "bw_quantities", "bw_events"]


def test_pipeline_has_every_component(nlp):
    for name, _ in COMPONENTS:
        assert name in nlp.pipe_names
