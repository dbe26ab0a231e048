"""Each feature of `spp-check lsp`, driven by a real client: open files, type, ask."""
import asyncio
import pathlib

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import PLAN, ROSTER, RULES


def open_file(client: LanguageClient, path: pathlib.Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=version,
                                             text=path.read_text() if text is None else text)))
    return uri


def type_text(client: LanguageClient, uri: str, text: str, version: int):
    """An edit as an editor sends it (full sync, as the server announces)."""
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def diagnostics_for(client: LanguageClient, uri: str, predicate=lambda ds: True, timeout=10.0):
    """Waits until the diagnostics published for `uri` satisfy `predicate`."""
    async def wait():
        while True:
            if uri in client.diagnostics and predicate(client.diagnostics[uri]):
                return client.diagnostics[uri]
            await client.wait_for_notification("textDocument/publishDiagnostics")
    return await asyncio.wait_for(wait(), timeout)


def position_of(text: str, needle: str, offset: int = 0) -> types.Position:
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return types.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


async def test_diagnostics_of_a_rule_file_follow_typing(client: LanguageClient):
    path = client.folder / "rules.yaml"
    bad = RULES.replace("    severity: error", "    severty: error")
    uri = open_file(client, path, bad)
    ds = await diagnostics_for(client, uri, lambda ds: len(ds) > 0)
    assert any("unknown key 'severty'" in d.message and "did you mean 'severity'?" in d.message for d in ds)
    typo = next(d for d in ds if "severty" in d.message)
    assert typo.range.start.line == 3 and typo.range.start.character == 4
    type_text(client, uri, RULES, 2)
    await diagnostics_for(client, uri, lambda ds: len(ds) == 0)


async def test_plan_findings_land_in_the_roster_and_follow_roster_edits(client: LanguageClient):
    plan_uri = open_file(client, client.folder / "plan.yaml")
    roster_uri = (client.folder / "contributors.csv").as_uri()
    ds = await diagnostics_for(client, roster_uri, lambda ds: len(ds) == 2)
    under = next(d for d in ds if d.code == "cl.driver-adult" and "under 18" in d.message)
    assert under.range.start.line == 2 and under.severity == types.DiagnosticSeverity.Error
    assert any("indeterminate" in d.message and "birth_date" in d.message for d in ds)
    # d-02 was born earlier after all: typed in the open roster, the plan is checked again.
    open_file(client, client.folder / "contributors.csv", ROSTER)
    type_text(client, roster_uri, ROSTER.replace("d-02,driver,2009-06-01", "d-02,driver,1990-06-01"), 2)
    ds = await diagnostics_for(client, roster_uri, lambda ds: len(ds) == 1)
    assert "indeterminate" in ds[0].message
    assert plan_uri in client.diagnostics


async def test_hover_shows_a_rule_a_field_and_a_function(client: LanguageClient):
    uri = open_file(client, client.folder / "rules.yaml")
    rule = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(RULES, "cl.driver-adult", 3)))
    assert "Drivers are adults" in rule.contents.value and "min_age" in rule.contents.value
    assert "Code des transports L3132-1" in rule.contents.value
    field = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(RULES, "contributor.birth_date", 14)))
    assert "contributor.birth_date" in field.contents.value and "date" in field.contents.value
    function = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(RULES, "age_at", 2)))
    assert "age_at(" in function.contents.value
    key = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(RULES, "for_each", 2)))
    assert "for_each" in key.contents.value


async def test_hover_on_a_contributor_id_shows_its_record(client: LanguageClient):
    open_file(client, client.folder / "plan.yaml")
    roster_uri = (client.folder / "contributors.csv").as_uri()
    await diagnostics_for(client, roster_uri, lambda ds: len(ds) > 0)
    uri = open_file(client, client.folder / "contributors.csv", ROSTER)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=1)))
    assert "contributor `d-02`" in hover.contents.value and "2009-06-01" in hover.contents.value


async def test_completion_of_fields_kinds_keys_and_rule_ids(client: LanguageClient):
    uri = open_file(client, client.folder / "rules.yaml")
    typed = RULES.replace('where: contributor.role == "driver"', "where: contributor.")
    type_text(client, uri, typed, 2)
    items = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(typed, "contributor.", 12)))
    labels = [i.label for i in items.items]
    assert "birth_date" in labels and "role" in labels
    typed = RULES.replace("kind: assert", "kind: ")
    type_text(client, uri, typed, 3)
    items = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(typed, "kind: ", 6)))
    assert {"assert", "coverage", "validity"} <= {i.label for i in items.items}
    typed = RULES.replace("    kind: assert\n", "    kind: assert\n    fo\n")
    type_text(client, uri, typed, 4)
    items = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(typed, "    fo\n", 6)))
    labels = {i.label for i in items.items}
    assert "for_each" in labels and "severity" in labels and "slots" not in labels
    waivers = "waivers:\n  - rule: \n"
    wuri = open_file(client, client.folder / "waivers.yaml", waivers)
    items = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=wuri), position=types.Position(line=1, character=10)))
    assert "cl.driver-adult" in {i.label for i in items.items}


async def test_definition_and_references_of_a_rule_id_and_a_roster(client: LanguageClient):
    wuri = open_file(client, client.folder / "waivers.yaml")
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=wuri), position=types.Position(line=1, character=14)))
    target = found[0] if isinstance(found, list) else found
    assert target.uri == (client.folder / "rules.yaml").as_uri() and target.range.start.line == 1
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=wuri), position=types.Position(line=1, character=14),
        context=types.ReferenceContext(include_declaration=True)))
    assert {r.uri for r in refs} >= {wuri, (client.folder / "rules.yaml").as_uri()}
    puri = open_file(client, client.folder / "plan.yaml")
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=puri), position=position_of(PLAN, "contributors.csv", 3)))
    target = found[0] if isinstance(found, list) else found
    assert target.uri == (client.folder / "contributors.csv").as_uri()


async def test_code_actions_fix_a_typo_and_add_a_waiver(client: LanguageClient):
    uri = open_file(client, client.folder / "rules.yaml", RULES.replace("    severity: error", "    severty: error"))
    ds = await diagnostics_for(client, uri, lambda ds: len(ds) > 0)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=ds[0].range,
        context=types.CodeActionContext(diagnostics=ds)))
    fix = next(a for a in actions if a.title == "Replace 'severty' with 'severity'")
    edit = fix.edit.changes[uri][0]
    assert edit.new_text == "severity" and edit.range.start.line == 3
    type_text(client, uri, RULES, 2)  # fixed: the plan can be checked against the rules again
    open_file(client, client.folder / "plan.yaml")
    roster_uri = (client.folder / "contributors.csv").as_uri()
    ds = await diagnostics_for(client, roster_uri, lambda ds: len(ds) > 0)
    under = next(d for d in ds if "under 18" in d.message)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=roster_uri), range=under.range,
        context=types.CodeActionContext(diagnostics=[under])))
    waiver = next(a for a in actions if a.title.startswith("Add a waiver for cl.driver-adult on contributor:d-02"))
    texts = [e.new_text for change in waiver.edit.document_changes if hasattr(change, "edits") for e in change.edits]
    assert any('subject: "contributor:d-02"' in t and "justification:" in t and "approved_by:" in t and "expires:" in t for t in texts)


async def test_document_symbols_list_rules_and_units(client: LanguageClient):
    uri = open_file(client, client.folder / "rules.yaml")
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert [s.name for s in symbols] == ["cl.driver-adult"]
    puri = open_file(client, client.folder / "plan.yaml")
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=puri)))
    assert "line-l1" in [s.name for s in symbols] and "contributors.csv" in [s.name for s in symbols]


async def test_unknown_request_is_method_not_found_and_server_goes_on(client: LanguageClient):
    with pytest.raises(Exception) as failure:
        await client.protocol.send_request_async("spp/unknownRequest", {})
    assert "-32601" in str(failure.value) or "not found" in str(failure.value)
    client.protocol.notify("spp/unknownNotification", {})
    uri = open_file(client, client.folder / "rules.yaml")
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert len(symbols) == 1


async def test_a_file_deleted_while_open_and_a_file_not_ours(client: LanguageClient):
    roster = client.folder / "contributors.csv"
    uri = open_file(client, roster, ROSTER)
    roster.unlink()
    type_text(client, uri, ROSTER + "d-04,driver,2010-01-01\n", 2)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    other = client.folder / "notes.yaml"
    other.write_text("shopping: [bread, milk]\n")
    ouri = open_file(client, other)
    ds = await diagnostics_for(client, ouri)
    assert list(ds) == []
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=ouri)))
    assert symbols == []


async def test_a_50_mb_roster_opens_without_hanging_the_server(client: LanguageClient):
    rows = ["id,role,birth_date"] + [f"c-{i:07d},driver,1980-01-01" for i in range(1_900_000)]
    text = "\n".join(rows) + "\n"
    assert len(text) > 50_000_000
    big = client.folder / "contributors-big.csv"
    uri = open_file(client, big, text)
    symbols = await asyncio.wait_for(client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri))), 60)
    assert symbols[0].name == "c-0000000"
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=(client.folder / "rules.yaml").as_uri()), position=types.Position(line=1, character=10)))
    assert hover is not None and "Drivers are adults" in hover.contents.value
