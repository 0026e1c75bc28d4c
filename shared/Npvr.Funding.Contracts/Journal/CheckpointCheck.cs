namespace Npvr.Funding.Contracts.Journal;

/// <summary>Whether a checkpoint is signed by a published key that was signing at its time; null when it is, else why not.</summary>
public static class CheckpointCheck
{
    public static string? SignatureProblem(Checkpoint checkpoint, IEnumerable<AuditKey> keys)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var key = keys.FirstOrDefault(k => k.KeyId == checkpoint.KeyId);
        if (key is null) return $"checkpoint of size {checkpoint.TreeSize} is signed by key {checkpoint.KeyId}, which is not published";
        if (!DateTimeOffset.TryParse(checkpoint.Time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
            return $"checkpoint of size {checkpoint.TreeSize} has no readable time";
        if (!key.SignsAt(time)) return $"checkpoint of size {checkpoint.TreeSize} is dated {checkpoint.Time}, outside the validity of key {key.KeyId}";
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(checkpoint.Signature);
        }
        catch (FormatException)
        {
            return $"checkpoint of size {checkpoint.TreeSize} has a signature that is not base64";
        }
        return key.Verifies(checkpoint.SignedBytes(), signature) ? null : $"the signature of checkpoint of size {checkpoint.TreeSize} does not verify with key {key.KeyId}";
    }
}
