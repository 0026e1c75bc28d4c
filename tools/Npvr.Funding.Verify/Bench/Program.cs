using Npvr.Funding.Verify.Bench;

// dotnet run -c Release --project tools/Npvr.Funding.Verify/Bench -- generate <folder> <entries>
// dotnet run -c Release --project tools/Npvr.Funding.Verify/Bench -- time <folder> <runs>
return args switch
{
    ["generate", var folder, var entries] => ExportGenerator.Write(folder, int.Parse(entries, System.Globalization.CultureInfo.InvariantCulture)),
    ["breakdown", var folder, var entries] => Breakdown.Run(folder, int.Parse(entries, System.Globalization.CultureInfo.InvariantCulture)),
    ["fuzz", var folder, var cases] => CanonicalFuzz.Run(folder, int.Parse(cases, System.Globalization.CultureInfo.InvariantCulture)),
    ["time", var folder, var runs] => VerifyTiming.Run(folder, int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: generate <folder> <entries> | time <folder> <runs>");
    return 2;
}
