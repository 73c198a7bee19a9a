"""Support payments: rates, payments on the record's "payments" tab, payment lists, totals, the paper."""
