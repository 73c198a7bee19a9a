"""The counselling screens: the wellbeing scale form and the trend of the scores."""
