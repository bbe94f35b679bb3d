package torch

// SetEncodeSaves turns torch.save's encoder on or off (see encodeSaves)
// and returns a function that restores the setting.
func SetEncodeSaves(on bool) (restore func()) {
	was := encodeSaves
	encodeSaves = on
	return func() { encodeSaves = was }
}
