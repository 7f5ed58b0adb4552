def test_datong_builds(datong):
    disclosure, profile = datong
    assert profile.id == "shanxi"
    assert disclosure.value("fund:total:total") is not None
