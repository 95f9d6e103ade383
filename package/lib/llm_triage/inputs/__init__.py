"""The app's modular inputs: the model-health canary and SOAR case outcomes (logic only; bin/ runs them)."""
