"""centre_desk: case management for provincial social protection centres.

The package is split into a Qt-free core (models, db, services, reports, security)
and a thin Qt layer (ui, app).
"""

__version__ = "0.1.0"
APP_NAME = "CentreDesk"
ORG_NAME = "CentreDesk"
