from llm_triage.evidence.canonical import canonical_json, content_hash


def test_key_order_and_spacing_do_not_change_the_bytes():
    assert canonical_json({"b": 1, "a": [1, {"d": 2, "c": 3}]}) == '{"a":[1,{"c":3,"d":2}],"b":1}'
    assert canonical_json({"a": 1, "b": 2}) == canonical_json({"b": 2, "a": 1})


def test_unicode_is_kept_and_markup_characters_are_escaped():
    text = canonical_json({"v": "café </evidence> & <b>"})
    assert "café" in text
    assert "<" not in text and ">" not in text and "&" not in text
    assert text == '{"v":"café \\u003c/evidence\\u003e \\u0026 \\u003cb\\u003e"}'


def test_hash_is_sha256_of_utf8():
    assert content_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert content_hash("é") != content_hash("e")
