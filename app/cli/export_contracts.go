package cli

func (c *CLI) exportContracts(args []string) error {
	return usageError{"export contracts is being built"}
}
