"""Users, teams and API keys: who may call the API and what they may see."""
