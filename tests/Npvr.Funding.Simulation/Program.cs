using Npvr.Funding.Simulation;

// dotnet run --project tests/Npvr.Funding.Simulation -- --seeds 1000 (or --seed S to replay one): see docs/simulation.md.
return await SimulationProgram.RunAsync(args, Console.Out);
