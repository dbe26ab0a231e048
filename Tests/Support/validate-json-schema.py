#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema, for spp-check's tests.

usage: validate-json-schema.py SCHEMA INSTANCE...

Exit status: 0 all valid; 1 some instance is invalid (each error printed with its JSON path);
3 the jsonschema package is missing; 2 a file cannot be read.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("the Python package 'jsonschema' is not installed: pip install jsonschema", file=sys.stderr)
    sys.exit(3)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{argv[1]}: cannot read the schema: {e}", file=sys.stderr)
        return 2
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    invalid = False
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                instance = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: not JSON: {e}", file=sys.stderr)
            return 2
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
            invalid = True
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{path}: {where}: {error.message}")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
