using Npvr.Funding.Verify;

// An auditor's check of a region's journal without access to the system's storage (issue 12).
return VerifyCommand.Run(args, Console.Out, Console.Error);
