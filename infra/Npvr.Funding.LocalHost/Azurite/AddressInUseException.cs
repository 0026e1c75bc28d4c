namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>Azurite exited because its port was taken; a start on a port picked by the runner retries on another.</summary>
public sealed class AddressInUseException : InvalidOperationException
{
    /// <summary>Creates the exception with Azurite's exit and output in <paramref name="message"/>.</summary>
    public AddressInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without details.</summary>
    public AddressInUseException()
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public AddressInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
