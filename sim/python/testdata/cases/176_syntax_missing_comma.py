# A missing comma between list items.
layers = ["conv" "relu", "fc" 3]
