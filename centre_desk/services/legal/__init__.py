"""Legal aid (trợ giúp pháp lý) and legal information (hỗ trợ pháp luật): the kinds of dated entry of the record's
Legal aid tab (kinds.py) and the legal steps coming due, for the Overview (due.py, service.py)."""
