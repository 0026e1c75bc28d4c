using Npvr.Funding.Disbursement;
using Npvr.Funding.Hosting;

await FunctionAppHost.RunAsync(new DisbursementApp(), args);
