using Npvr.Funding.Hosting;
using Npvr.Funding.Spending;

await FunctionAppHost.RunAsync(new SpendingApp(), args);
