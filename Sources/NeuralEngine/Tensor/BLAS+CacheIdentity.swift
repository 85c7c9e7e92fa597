import COpenBLAS

extension BLAS {
    /// OpenBLAS's build configuration and the kernel it runs ("OpenBLAS
    /// 0.3.21 … Haswell"): results differ in their last bits between kernels,
    /// so cached results name the one that computed them.
    public static var cacheIdentity: String {
        let config = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return config + " / " + core
    }
}
