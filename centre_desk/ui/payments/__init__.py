"""The Support payments page: the payment list of a period (tick who was paid), the totals, the rates."""
