"""End-to-end tests of `spp-check lsp` through a real LSP client (pytest-lsp, on pygls).

Run by Tests/SPPCheckTests/LSPClientTests.swift (so by `make test`), which installs pytest-lsp in
.build/lsp-venv when missing and passes the binary in SPP_CHECK.
"""
import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

SPP_CHECK = os.environ.get("SPP_CHECK", ".build/debug/spp-check")

RULES = """\
rules:
  - id: cl.driver-adult
    principle: risk-coverage
    severity: error
    title: {fr: "Conducteur majeur", en: "Drivers are adults"}
    references: ["Code des transports L3132-1"]
    params: {min_age: 18}
    kind: assert
    for_each: contributors
    where: contributor.role == "driver"
    assert: age_at(contributor.birth_date, as_of) >= params.min_age
    message: "driver {{contributor.id}} is under {{params.min_age}}"
"""

PLAN = """\
id: ligne-l1
name: Ligne de covoiturage L1
kind: carpool_line
effective_from: 2026-01-01
period: {start: 2026-03-02, end: 2026-03-09}
units:
  - id: line-l1
    kind: line
    opening_hours: "Mo-Fr 06:30-09:00,16:00-19:00; PH off"
    fallback: {mode: taxi, max_delay_minutes: 10}
rosters:
  - contributors.csv
"""

ROSTER = """\
id,role,birth_date
d-01,driver,1980-01-01
d-02,driver,2009-06-01
d-03,driver,
p-01,passenger,2012-01-01
"""

WAIVERS = """\
waivers:
  - rule: cl.driver-adult
    subject: "contributor:d-03"
    justification: "birth date being checked with the prefecture"
    approved_by: "line committee, 2026-02-01"
    expires: 2026-12-31
"""


@pytest.fixture
def folder(tmp_path: pathlib.Path) -> pathlib.Path:
    for name, text in {"rules.yaml": RULES, "plan.yaml": PLAN, "contributors.csv": ROSTER, "waivers.yaml": WAIVERS}.items():
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SPP_CHECK, "lsp"]))
async def client(lsp_client: LanguageClient, folder: pathlib.Path):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=folder.as_uri(),
            initialization_options={"rules": ["rules.yaml"]},
        )
    )
    lsp_client.folder = folder
    yield
    await lsp_client.shutdown_session()
