"""Lodging screens: the "Phòng ở" page (the bed board and the census), moves, bed states, rooms administration."""
