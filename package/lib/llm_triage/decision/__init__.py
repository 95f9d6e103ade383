"""From verdict to action: operational confidence from the verdict and its context, and the policy that
says which actions a result allows."""
