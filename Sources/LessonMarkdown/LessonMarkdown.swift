import CCmarkGFM
func _probe() { cmark_gfm_core_extensions_ensure_registered() }
