import COpenBLAS
func _probe() { openblas_set_num_threads(1) }
