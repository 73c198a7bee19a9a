"""Schooling (học văn hóa) and vocational training (học nghề): the kinds of dated entry of the record's Schooling and
training tab (kinds.py, rules.py, facts.py), the catalogue of vocational courses the manager keeps (catalogue.py) and
the Mẫu 07 decisions past their 9 working days, for the Overview (due.py, service.py)."""
