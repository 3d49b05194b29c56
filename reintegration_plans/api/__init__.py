"""REST API of life projects, goals, follow-ups and referrals."""
