using Npvr.Funding.Allocation;
using Npvr.Funding.Hosting;

await FunctionAppHost.RunAsync(new AllocationApp(), args);
