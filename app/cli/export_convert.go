package cli

func (c *CLI) exportConvert(args []string) error {
	return usageError{"export convert is being built"}
}
