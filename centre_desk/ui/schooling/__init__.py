"""Schooling and training screens: the vocational-course catalogue panel of the record's tab and the form of a course
taken, which offers the catalogue's courses (the rest of the tab comes from the declarations)."""
